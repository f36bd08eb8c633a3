// name: similar-papers
// description: Papers sharing the most entities with a paper (by id or exact title; '' = the first corpus paper by id)
// param: paper = ''
// param: limit = 10; min 0
MATCH (p:Paper)
WHERE ($paper = '' AND p.external = false) OR p.id = $paper OR toLower(p.title) = toLower($paper)
WITH p ORDER BY p.id LIMIT 1
MATCH (p)-[:PROPOSES|USES|EVALUATES_ON|COMPARES_WITH]->(e:Entity)<-[:PROPOSES|USES|EVALUATES_ON|COMPARES_WITH]-(q:Paper)
WITH p, e, q
WHERE q.id <> p.id
RETURN p.id AS paper, q.id AS similar, q.title AS title, q.year AS year, count(DISTINCT e) AS shared
ORDER BY shared DESC, similar
LIMIT $limit
