// name: co-citation
// description: Pairs of papers cited together by the same papers ('' = all pairs, else pairs with this paper id)
// param: paper = ''
// param: include_inferred = false
// param: limit = 20
MATCH (a:Paper)<-[r1:CITES]-(c:Paper)-[r2:CITES]->(b:Paper)
WHERE a.id < b.id
  AND ($paper = '' OR a.id = $paper OR b.id = $paper)
  AND ($include_inferred OR (coalesce(r1.inferred, false) = false AND coalesce(r2.inferred, false) = false))
RETURN a.id AS paper_a, a.title AS title_a, b.id AS paper_b, b.title AS title_b, count(DISTINCT c) AS co_cited
ORDER BY co_cited DESC, paper_a, paper_b
LIMIT $limit
