// name: evaluated-on
// description: Datasets a method or model is evaluated on, through the papers that propose or use it
// param: name = BERT
// param: limit = 50; min 0
WITH toLower($name) AS wanted
MATCH (p:Paper)-[:PROPOSES|USES]->(x:Entity)
WHERE x.id = $name OR toLower(x.name) = wanted OR any(alias IN x.aliases WHERE toLower(alias) = wanted)
MATCH (p)-[:EVALUATES_ON]->(d:Entity)
RETURN x.name AS entity, d.id AS id, d.name AS dataset, count(DISTINCT p) AS papers
ORDER BY entity, papers DESC, dataset, id
LIMIT $limit
