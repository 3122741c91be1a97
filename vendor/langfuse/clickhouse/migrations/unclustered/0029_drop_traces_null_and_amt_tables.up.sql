-- Drop traces_null and trace amt tables
DROP TABLE IF EXISTS traces_null;
DROP TABLE IF EXISTS traces_all_amt;
DROP TABLE IF EXISTS traces_7d_amt;
DROP TABLE IF EXISTS traces_30d_amt;