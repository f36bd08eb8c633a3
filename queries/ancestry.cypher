// name: ancestry
// description: Papers reachable from a paper by following CITES up to depth hops (at most 5; by id or exact title; '' = the first corpus paper by id)
// param: paper = ''
// param: depth = 3; min 0; max 5
// param: limit = 200; min 0
// The portable body walks every path of up to 5 hops, whatever depth says (Cypher takes no
// parameter as a hop bound); the embedded store's [* SHORTEST 1..5] walks one shortest path
// per ancestor instead, with the same rows, where the portable body took seconds on a few
// thousand papers and grew with the fifth power of the citations per paper.
MATCH (p:Paper)
WHERE ($paper = '' AND p.external = false) OR p.id = $paper OR toLower(p.title) = toLower($paper)
WITH p ORDER BY p.id LIMIT 1
MATCH path = (p)-[:CITES*1..5]->(q:Paper)
WITH p, q, length(path) AS hops
WHERE hops <= $depth AND q.id <> p.id
RETURN p.id AS paper, q.id AS ancestor, q.title AS title, q.year AS year, min(hops) AS depth
ORDER BY depth, ancestor
LIMIT $limit
// variant: embedded
MATCH (p:Paper)
WHERE ($paper = '' AND p.external = false) OR p.id = $paper OR toLower(p.title) = toLower($paper)
WITH p ORDER BY p.id LIMIT 1
MATCH path = (p)-[:CITES* SHORTEST 1..5]->(q:Paper)
WITH p, q, length(path) AS hops
WHERE hops <= $depth AND q.id <> p.id
RETURN p.id AS paper, q.id AS ancestor, q.title AS title, q.year AS year, min(hops) AS depth
ORDER BY depth, ancestor
LIMIT $limit
