// name: entity
// description: Look up entities by id, name or alias, case-insensitively ('' = every entity)
// param: name = BERT
// param: limit = 50
WITH toLower($name) AS needle
MATCH (x:Entity)
WHERE $name = '' OR x.id = $name OR toLower(x.name) = needle
   OR any(a IN x.aliases WHERE toLower(a) = needle)
RETURN x.id AS id, x.name AS entity, x.type AS type, x.aliases AS aliases,
       x.family AS family, x.paper_count AS paper_count
ORDER BY entity, id
LIMIT $limit
