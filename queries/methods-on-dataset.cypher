// name: methods-on-dataset
// description: Methods and models proposed or used by papers that evaluate on a dataset (type filters, e.g. Method)
// param: name = ImageNet
// param: type = ''
// param: limit = 50
WITH toLower($name) AS needle
MATCH (p:Paper)-[:EVALUATES_ON]->(d:Entity)
WHERE d.id = $name OR toLower(d.name) = needle OR any(a IN d.aliases WHERE toLower(a) = needle)
MATCH (p)-[:PROPOSES|USES]->(m:Entity)
WHERE m.id <> d.id AND ($type = '' OR m.type = $type)
RETURN d.name AS dataset, m.id AS id, m.name AS entity, m.type AS type, count(DISTINCT p) AS papers
ORDER BY dataset, papers DESC, entity, id
LIMIT $limit
