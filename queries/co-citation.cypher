// name: co-citation
// description: Papers cited together with a paper by the same citing papers (by id or exact title; '' = the most cited paper)
// param: paper = ''
// param: include_inferred = false
// param: limit = 20; min 0
MATCH (:Paper)-[:CITES]->(t:Paper)
WHERE $paper = '' OR t.id = $paper OR toLower(t.title) = toLower($paper)
WITH t, count(*) AS cited ORDER BY cited DESC, t.id LIMIT 1
MATCH (t)<-[r1:CITES]-(c:Paper)-[r2:CITES]->(b:Paper)
WITH t, b, c, r1, r2
WHERE b.id <> t.id
  AND ($include_inferred OR (coalesce(r1.inferred, false) = false AND coalesce(r2.inferred, false) = false))
RETURN t.id AS paper, b.id AS co_cited_with, b.title AS title, count(DISTINCT c) AS co_cited
ORDER BY co_cited DESC, co_cited_with
LIMIT $limit
