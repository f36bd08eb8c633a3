// name: papers-with-entity
// description: Papers that propose, use, evaluate on or compare with an entity (matched by id, name or alias); role filters to one of proposes, uses, evaluates_on, compares_with
// param: name = BERT
// param: role = ''; one of proposes, uses, evaluates_on, compares_with
// param: limit = 100; min 0
WITH toLower($name) AS wanted
MATCH (p:Paper)-[:PROPOSES|USES|EVALUATES_ON|COMPARES_WITH]->(x:Entity)
WHERE x.id = $name OR toLower(x.name) = wanted OR any(alias IN x.aliases WHERE toLower(alias) = wanted)
WITH DISTINCT p, x
WITH p, x,
     EXISTS { MATCH (p)-[:PROPOSES]->(x) } AS proposes,
     EXISTS { MATCH (p)-[:USES]->(x) } AS uses,
     EXISTS { MATCH (p)-[:EVALUATES_ON]->(x) } AS evaluates_on,
     EXISTS { MATCH (p)-[:COMPARES_WITH]->(x) } AS compares_with
WHERE $role = '' OR ($role = 'proposes' AND proposes) OR ($role = 'uses' AND uses)
   OR ($role = 'evaluates_on' AND evaluates_on) OR ($role = 'compares_with' AND compares_with)
RETURN x.name AS entity, p.id AS paper, p.title AS title, p.year AS year,
       proposes, uses, evaluates_on, compares_with
ORDER BY entity, year IS NULL, year DESC, paper
LIMIT $limit
