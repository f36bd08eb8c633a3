// name: community-members
// description: Papers of a Leiden community, given by id (community:3), rank (3) or a word of its label ('' = the largest), newest first
// param: community = ''
// param: limit = 100; min 0
MATCH (p:Paper)-[:IN_COMMUNITY]->(c:Community)
WHERE ($community = '' AND c.rank = 1) OR c.id = $community OR c.id = 'community:' + $community
   OR ($community <> '' AND toLower(c.name) CONTAINS toLower($community))
RETURN c.id AS community, c.name AS label, p.id AS id, p.title AS title, p.year AS year
ORDER BY community, year IS NULL, year DESC, id
LIMIT $limit
