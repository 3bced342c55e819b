/** 州市数据同步 BullMQ workers: prefecture delta pulls and scheduled jobs */
export {};
