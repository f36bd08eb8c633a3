// name: entity
// description: Look up entities by id, name or alias, case-insensitively ('' = every entity)
// param: name = BERT
// param: limit = 50; min 0
WITH toLower($name) AS wanted
MATCH (x:Entity)
WHERE $name = '' OR x.id = $name OR toLower(x.name) = wanted
   OR any(alias IN x.aliases WHERE toLower(alias) = wanted)
RETURN x.id AS id, x.name AS entity, x.type AS type, x.aliases AS aliases,
       x.family AS family, x.paper_count AS paper_count
ORDER BY entity, id
LIMIT $limit
