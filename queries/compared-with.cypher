// name: compared-with
// description: What an entity is compared with: entities proposed by papers that compare with it, and entities that papers proposing it compare with
// param: name = BERT
// param: limit = 50; min 0
WITH toLower($name) AS wanted
MATCH (p:Paper)-[:PROPOSES|COMPARES_WITH]->(x:Entity)
WHERE x.id = $name OR toLower(x.name) = wanted OR any(alias IN x.aliases WHERE toLower(alias) = wanted)
MATCH (p)-[:PROPOSES|COMPARES_WITH]->(y:Entity)
WHERE y.id <> x.id
  AND ((EXISTS { MATCH (p)-[:PROPOSES]->(x) } AND EXISTS { MATCH (p)-[:COMPARES_WITH]->(y) })
    OR (EXISTS { MATCH (p)-[:COMPARES_WITH]->(x) } AND EXISTS { MATCH (p)-[:PROPOSES]->(y) }))
RETURN x.name AS entity, y.id AS id, y.name AS compared_with, y.type AS type, count(DISTINCT p) AS papers
ORDER BY entity, papers DESC, compared_with, id
LIMIT $limit
