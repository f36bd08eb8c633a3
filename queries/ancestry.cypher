// name: ancestry
// description: Papers reachable from a paper by following CITES up to depth hops (at most 5; by id or exact title; '' = the first corpus paper by id)
// param: paper = ''
// param: depth = 3; min 0; max 5
// param: limit = 200; min 0
MATCH (p:Paper)
WHERE ($paper = '' AND p.external = false) OR p.id = $paper OR toLower(p.title) = toLower($paper)
WITH p ORDER BY p.id LIMIT 1
MATCH path = (p)-[:CITES*1..5]->(q:Paper)
WITH p, q, length(path) AS hops
WHERE hops <= $depth AND q.id <> p.id
RETURN p.id AS paper, q.id AS ancestor, q.title AS title, q.year AS year, min(hops) AS depth
ORDER BY depth, ancestor
LIMIT $limit
