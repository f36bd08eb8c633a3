// name: top-models
// description: Most used models, by number of papers that use, evaluate on or compare with them
// param: type = Model; one of '', Model, Method, Dataset, Task, Metric
// param: limit = 20; min 0
MATCH (p:Paper)-[:USES|EVALUATES_ON|COMPARES_WITH]->(e:Entity)
WHERE $type = '' OR e.type = $type
RETURN e.id AS id, e.name AS entity, e.type AS type, count(DISTINCT p) AS papers
ORDER BY papers DESC, entity, id
LIMIT $limit
