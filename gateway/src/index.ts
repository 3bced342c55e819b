/** 联邦网关 federated gateway: GraphQL, subscriptions, public scan page, live console */
export {};
