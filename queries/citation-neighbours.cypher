// name: citation-neighbours
// description: Papers a paper cites and papers citing it, marking inferred links (by id or exact title; '' = the first corpus paper by id)
// param: paper = ''
// param: limit = 100; min 0
MATCH (p:Paper)
WHERE ($paper = '' AND p.external = false) OR p.id = $paper OR toLower(p.title) = toLower($paper)
WITH p ORDER BY p.id LIMIT 1
UNWIND ['cites', 'cited-by'] AS direction
OPTIONAL MATCH (p)-[c1:CITES]->(q1:Paper) WHERE direction = 'cites'
OPTIONAL MATCH (q2:Paper)-[c2:CITES]->(p) WHERE direction = 'cited-by'
WITH p, direction, coalesce(q1.id, q2.id) AS neighbour, coalesce(q1.title, q2.title) AS title,
     coalesce(q1.year, q2.year) AS year, coalesce(q1.external, q2.external) AS external,
     coalesce(c1.inferred, c2.inferred) AS inferred, coalesce(c1.via, c2.via) AS via
WHERE neighbour IS NOT NULL
RETURN p.id AS paper, direction, neighbour, title, year, external, inferred, via
ORDER BY direction, neighbour
LIMIT $limit
