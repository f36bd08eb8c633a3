// name: citation-neighbours
// description: Papers a paper cites and papers citing it, marking inferred links (by id or exact title; '' = the first corpus paper by id)
// param: paper = ''
// param: limit = 100
MATCH (p:Paper)
WHERE ($paper = '' AND p.external = false) OR p.id = $paper OR toLower(p.title) = toLower($paper)
WITH p ORDER BY p.id LIMIT 1
MATCH (a:Paper)-[c:CITES]->(b:Paper)
WITH p, a, b, c
WHERE a.id = p.id OR b.id = p.id
WITH p, c, CASE WHEN a.id = p.id THEN 'cites' ELSE 'cited-by' END AS direction,
     CASE WHEN a.id = p.id THEN b ELSE a END AS q
RETURN p.id AS paper, direction, q.id AS neighbour, q.title AS title, q.year AS year,
       q.external AS external, c.inferred AS inferred, c.via AS via
ORDER BY direction, neighbour
LIMIT $limit
