// name: methods-on-dataset
// description: Methods and models proposed or used by papers that evaluate on a dataset (type filters, e.g. Method)
// param: name = ImageNet
// param: type = ''; one of '', Model, Method, Dataset, Task, Metric
// param: limit = 50; min 0
WITH toLower($name) AS wanted
MATCH (p:Paper)-[:EVALUATES_ON]->(d:Entity)
WHERE d.id = $name OR toLower(d.name) = wanted OR any(alias IN d.aliases WHERE toLower(alias) = wanted)
MATCH (p)-[:PROPOSES|USES]->(m:Entity)
WHERE m.id <> d.id AND ($type = '' OR m.type = $type)
RETURN d.name AS dataset, m.id AS id, m.name AS entity, m.type AS type, count(DISTINCT p) AS papers
ORDER BY dataset, papers DESC, entity, id
LIMIT $limit
