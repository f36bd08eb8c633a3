// name: leaderboard
// description: Results reported on a dataset (REPORTS -> Result -> ON_DATASET), best first per metric (lower first for FID, perplexity, error rates)
// param: dataset = ImageNet
// param: metric = ''
// param: limit = 50; min 0
WITH toLower($dataset) AS wanted
MATCH (p:Paper)-[r:REPORTS]->(x:Result)-[:ON_DATASET]->(d:Entity)
WHERE d.id = $dataset OR toLower(d.name) = wanted OR any(alias IN d.aliases WHERE toLower(alias) = wanted)
WITH p, r, x, d
WHERE $metric = '' OR toLower(x.metric) = toLower($metric)
OPTIONAL MATCH (x)-[:OF_MODEL]->(m:Entity)
RETURN x.metric AS metric, m.name AS model, r.value AS value, r.unit AS unit, r.setting AS setting,
       d.name AS dataset, p.id AS paper_id, p.title AS paper, p.year AS year, r.evidence AS evidence,
       x.id AS result_id
ORDER BY metric, CASE WHEN x.lower_is_better THEN r.value ELSE -r.value END, paper_id, result_id
LIMIT $limit
