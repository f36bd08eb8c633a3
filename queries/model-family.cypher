// name: model-family
// description: The family of a model (what it is a VARIANT_OF) with all its variants ('' = every family)
// param: name = ''
// param: limit = 200; min 0
WITH toLower($name) AS wanted
MATCH (x:Entity)
WHERE $name = '' OR x.id = $name OR toLower(x.name) = wanted OR any(alias IN x.aliases WHERE toLower(alias) = wanted)
OPTIONAL MATCH (x)-[:VARIANT_OF]->(f:Entity)
WITH DISTINCT coalesce(f.id, x.id) AS root_id
MATCH (root:Entity)
WHERE root.id = root_id AND EXISTS { MATCH (:Entity)-[:VARIANT_OF]->(root) }
MATCH (m:Entity)-[:VARIANT_OF*0..1]->(root)
RETURN root.name AS family, m.id AS id, m.name AS member, m.type AS type,
       CASE WHEN m.id = root.id THEN 'family' ELSE 'variant' END AS role, m.paper_count AS paper_count
ORDER BY family, role, member, id
LIMIT $limit
