// name: most-cited
// description: Most cited papers by explicit citations from the corpus (flags add external references and inferred citations)
// param: include_external = true
// param: include_inferred = false
// param: limit = 20; min 0
MATCH (c:Paper)-[r:CITES]->(p:Paper)
WHERE ($include_inferred OR coalesce(r.inferred, false) = false)
  AND ($include_external OR coalesce(p.external, false) = false)
RETURN p.id AS paper, p.title AS title, p.year AS year, p.external AS external, count(DISTINCT c) AS citations
ORDER BY citations DESC, paper
LIMIT $limit
