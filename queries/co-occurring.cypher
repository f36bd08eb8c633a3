// name: co-occurring
// description: Entities that appear in the same papers as an entity, by number of shared papers
// param: name = BERT
// param: type = ''; one of '', Model, Method, Dataset, Task, Metric
// param: limit = 20; min 0
WITH toLower($name) AS wanted
MATCH (x:Entity)<-[:PROPOSES|USES|EVALUATES_ON|COMPARES_WITH]-(p:Paper)
WHERE x.id = $name OR toLower(x.name) = wanted OR any(alias IN x.aliases WHERE toLower(alias) = wanted)
MATCH (p)-[:PROPOSES|USES|EVALUATES_ON|COMPARES_WITH]->(y:Entity)
WHERE y.id <> x.id AND ($type = '' OR y.type = $type)
RETURN x.name AS entity, y.id AS id, y.name AS co_occurs_with, y.type AS type, count(DISTINCT p) AS papers
ORDER BY entity, papers DESC, co_occurs_with, id
LIMIT $limit
