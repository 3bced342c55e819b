/** 省级登记子图 province registry subgraph: units, accounts, cylinders, registration, spot checks */
export {};
