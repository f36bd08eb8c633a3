// name: entity-by-year
// description: Number of papers per year that propose, use, evaluate on or compare with an entity
// param: name = BERT
WITH toLower($name) AS wanted
MATCH (p:Paper)-[:PROPOSES|USES|EVALUATES_ON|COMPARES_WITH]->(x:Entity)
WHERE (x.id = $name OR toLower(x.name) = wanted OR any(alias IN x.aliases WHERE toLower(alias) = wanted))
  AND p.year IS NOT NULL
RETURN x.name AS entity, x.id AS id, p.year AS year, count(DISTINCT p) AS papers
ORDER BY entity, id, year
