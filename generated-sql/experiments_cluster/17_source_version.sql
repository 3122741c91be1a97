-- What a rebuild is built from: the messages landed so far (the landing table only grows). Each
-- rebuilt day records this; run --resume rebuilds a day again when messages landed since.
SELECT
    concat(toString(count()), ' messages, the latest landed ', toString(max(received_at))) AS version
FROM
    `experiments_analytics`.`experiments_cluster_landing`
