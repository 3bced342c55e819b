/** /PS/* 接口 the mandated REST contract over the gateway */
export {};
