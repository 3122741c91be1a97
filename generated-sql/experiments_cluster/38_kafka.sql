-- The Kafka consumer: Debezium's topics, each message one line. Brokers (and SASL credentials,
-- if any) come from the named collection chplan_kafka_experiments_cluster, which chplan creates at run time.
-- kafka_handle_error_mode = 'stream' hands unreadable messages to the errors view instead of
-- dropping or blocking on them. kafka_max_block_size = 65536: each flush of a poll reaches
-- the views as one insert of one block of at most about that many messages, which filling an
-- unchanged TOASTed value from earlier blocks needs (the views do not see what earlier blocks of
-- the same insert wrote); the spec's kafka.maxBlockSize, lower for topics of large messages.
CREATE TABLE IF NOT EXISTS `experiments_analytics`.`experiments_cluster_kafka`
ON CLUSTER `experiments` (`line` String) ENGINE = Kafka (`chplan_kafka_experiments_cluster`)
SETTINGS
    kafka_topic_list = 'pg.public.events,pg.public.assignments',
    kafka_group_name = 'chplan_experiments',
    kafka_format = 'LineAsString',
    kafka_num_consumers = 1,
    kafka_max_block_size = 65536,
    kafka_handle_error_mode = 'stream'
COMMENT 'chplan definition b9a3adeba242072a'
