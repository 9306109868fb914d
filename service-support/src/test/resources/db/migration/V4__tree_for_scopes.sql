-- A tree for the security tests (OrgScope reads code and parent_code, as from every service's tree).
CREATE TABLE tree_node (
    code        VARCHAR(64) NOT NULL,
    parent_code VARCHAR(64) NULL,
    PRIMARY KEY (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO tree_node (code, parent_code) VALUES
    ('431200', NULL), ('HH-RSJ', '431200'), ('HH-RSJ-YLGS', 'HH-RSJ'), ('HH-JYJ', '431200');
