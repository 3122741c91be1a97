-- Cluster plans only: where messages land. Every message goes to the shard its row's key hashes to
-- (the source table and the primary key's values, read from the message), so all versions of a
-- row, its deletes and its unchanged TOASTed values meet on one shard, whichever node's Kafka
-- consumer read them and however the consumer group rebalances. Truncates and tombstones carry no
-- row and go by table.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_cluster_landing_route`
ON CLUSTER `experiments` AS `experiments_analytics`.`experiments_cluster_landing` ENGINE = Distributed (
    'experiments',
    'experiments_analytics',
    'experiments_cluster_landing',
    cityHash64(
        JSONExtractString(line, 'payload', 'source', 'table'),
        multiIf(
            JSONExtractString(line, 'payload', 'source', 'table') = 'assignments',
            JSONExtractRaw(
                if(
                    JSONExtractString(line, 'payload', 'op') = 'd',
                    if(
                        startsWith(JSONExtractRaw(line, 'payload', 'before'), '{'),
                        JSONExtractRaw(line, 'payload', 'before'),
                        JSONExtractRaw(key, 'payload')
                    ),
                    JSONExtractRaw(line, 'payload', 'after')
                ),
                'id'
            ),
            JSONExtractString(line, 'payload', 'source', 'table') = 'events',
            JSONExtractRaw(
                if(
                    JSONExtractString(line, 'payload', 'op') = 'd',
                    if(
                        startsWith(JSONExtractRaw(line, 'payload', 'before'), '{'),
                        JSONExtractRaw(line, 'payload', 'before'),
                        JSONExtractRaw(key, 'payload')
                    ),
                    JSONExtractRaw(line, 'payload', 'after')
                ),
                'id'
            ),
            ''
        )
    )
)
COMMENT 'chplan definition 3afc0bb28493b437'
