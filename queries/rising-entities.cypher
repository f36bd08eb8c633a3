// name: rising-entities
// description: Entities in more papers in the span years from a year on than in the span years before it (the CLI's `trends` also weighs by corpus size and finds bursts)
// param: since = 2022; min 1000; max 9999
// param: span = 3; min 1; max 1000
// param: type = ''; one of '', Model, Method, Dataset, Task, Metric
// param: min_papers = 2; min 0
// param: limit = 20; min 0
MATCH (p:Paper)-[:PROPOSES|USES|EVALUATES_ON|COMPARES_WITH]->(e:Entity)
WHERE p.year IS NOT NULL AND p.year >= $since - $span AND p.year < $since + $span
  AND ($type = '' OR e.type = $type)
WITH e, count(DISTINCT CASE WHEN p.year >= $since THEN p.id ELSE NULL END) AS recent,
     count(DISTINCT CASE WHEN p.year < $since THEN p.id ELSE NULL END) AS earlier
WITH e, recent, earlier, recent - earlier AS gain
WHERE recent + earlier >= $min_papers AND gain > 0
RETURN e.id AS id, e.name AS entity, e.type AS type, earlier, recent, gain
ORDER BY gain DESC, recent DESC, id
LIMIT $limit
