// name: shortest-path
// description: The shortest connection (up to 6 hops, any relationship, either direction) between two nodes matched by id, entity name or alias, author name or paper title
// param: source = BERT
// param: target = ImageNet
// param: limit = 1; min 0
// The portable body finds direct (1-hop) links only; the stores run their own
// shortest-path syntax below (LadybugDB: [* ALL SHORTEST 1..6], Neo4j: allShortestPaths).
// Tied paths come in the order of their node ids (joined by U+0001, so both stores
// order them alike) and a Result node is named as pages label it: "model on dataset: metric".
WITH toLower($source) AS s, toLower($target) AS t
MATCH (a)
WHERE a.id = $source OR toLower(a.name) = s OR toLower(a.title) = s OR any(x IN a.aliases WHERE toLower(x) = s)
MATCH (b)
WHERE b.id <> a.id AND (b.id = $target OR toLower(b.name) = t OR toLower(b.title) = t OR any(x IN b.aliases WHERE toLower(x) = t))
MATCH (a)-[]-(b)
RETURN DISTINCT a.id AS source, b.id AS target, 1 AS hops, [a.id, b.id] AS ids, [coalesce(a.name, a.title), coalesce(b.name, b.title)] AS names
ORDER BY hops, source, target
LIMIT $limit
// variant: embedded
MATCH (a)
WHERE a.id = $source OR lower(a.name) = lower($source) OR lower(a.title) = lower($source)
   OR list_contains(list_transform(a.aliases, alias -> lower(alias)), lower($source))
MATCH (b)
WHERE b.id <> a.id AND (b.id = $target OR lower(b.name) = lower($target) OR lower(b.title) = lower($target)
   OR list_contains(list_transform(b.aliases, alias -> lower(alias)), lower($target)))
MATCH path = (a)-[* ALL SHORTEST 1..6]-(b)
RETURN DISTINCT a.id AS source, b.id AS target, length(path) AS hops,
       list_transform(nodes(path), n -> n.id) AS ids,
       list_transform(nodes(path), n -> CASE WHEN n.metric IS NULL THEN coalesce(n.name, n.title)
                                             ELSE coalesce(n.model, '?') + ' on ' + n.dataset + ': ' + n.metric END) AS names
ORDER BY hops, source, target, list_to_string('\u0001', ids)
LIMIT $limit
// variant: neo4j
WITH toLower($source) AS s, toLower($target) AS t
MATCH (a)
WHERE a.id = $source OR toLower(a.name) = s OR toLower(a.title) = s OR any(x IN a.aliases WHERE toLower(x) = s)
MATCH (b)
WHERE b.id <> a.id AND (b.id = $target OR toLower(b.name) = t OR toLower(b.title) = t OR any(x IN b.aliases WHERE toLower(x) = t))
MATCH path = allShortestPaths((a)-[*..6]-(b))
RETURN DISTINCT a.id AS source, b.id AS target, length(path) AS hops,
       [n IN nodes(path) | n.id] AS ids,
       [n IN nodes(path) | CASE WHEN n.metric IS NULL THEN coalesce(n.name, n.title)
                                ELSE coalesce(n.model, '?') + ' on ' + n.dataset + ': ' + n.metric END] AS names
ORDER BY hops, source, target, reduce(k = '', x IN ids | k + x + '\u0001')
LIMIT $limit
