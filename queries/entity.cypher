// name: entity
// description: Look up entities by id, name or alias, case-insensitively ('' = every entity)
// param: name = BERT
// param: limit = 50; min 0
MATCH (x:Entity)
WHERE $name = '' OR x.id = $name OR toLower(x.name) = toLower($name)
   OR $name IN x.aliases OR toLower($name) IN x.aliases
RETURN x.id AS id, x.name AS entity, x.type AS type, x.aliases AS aliases,
       x.family AS family, x.paper_count AS paper_count
ORDER BY entity, id
LIMIT $limit
