/** 州市子图 prefecture subgraph: the 16 prefectures, platform mode, sync state, figures */
export {};
