// name: papers-by-author
// description: Papers by authors whose name contains the given text, in any case and with or without its accents ('' = every author)
// param: author = ''
// param: limit = 100; min 0
MATCH (a:Author)-[w:AUTHORED]->(p:Paper)
WHERE $author = '' OR toLower(a.name) CONTAINS toLower($author) OR a.folded CONTAINS toLower($author)
RETURN a.name AS author, p.id AS paper, p.title AS title, p.year AS year, w.position AS position
ORDER BY author, year IS NULL, year DESC, paper
LIMIT $limit
