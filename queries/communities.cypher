// name: communities
// description: The Leiden communities of papers and entities, largest first, with their distinctive entities and top datasets
// param: limit = 50; min 0
MATCH (c:Community)
RETURN c.id AS id, c.rank AS rank, c.name AS label, c.papers AS papers, c.first_year AS first_year,
       c.last_year AS last_year, c.top_entities AS top_entities, c.top_datasets AS top_datasets
ORDER BY rank, id
LIMIT $limit
