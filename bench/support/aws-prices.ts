/**
 * Public AWS list prices for us-east-1 used by bench/aws-cost.ts, in dollars: the first tier's
 * price, without free tier. They are the prices AWS publishes on the pages named beside each,
 * as checked on 2026-11-29 against published summaries of those pages (the benchmark machine
 * cannot open aws.amazon.com itself). Update them here, with the date, when AWS changes them.
 */
export const awsPricesUsEast1 = {
  /** SQS FIFO queues: per request (each 64 KB chunk of a payload is one request). https://aws.amazon.com/sqs/pricing/ */
  sqsFifoRequest: 0.5 / 1e6,
  /** DynamoDB on-demand, Standard table class, since the November 2024 price cut. https://aws.amazon.com/dynamodb/pricing/on-demand/ */
  dynamoDbWriteRequestUnit: 0.625 / 1e6,
  dynamoDbReadRequestUnit: 0.125 / 1e6,
  /** Lambda on Arm (lib/constructs/service-function.ts deploys arm64), first tier. https://aws.amazon.com/lambda/pricing/ */
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  /** API Gateway HTTP APIs, first 300 million requests a month. https://aws.amazon.com/api-gateway/pricing/ */
  httpApiRequest: 1.0 / 1e6,
} as const;

export const awsPricesSource = {
  checkedOn: '2026-11-29',
  region: 'us-east-1',
  pages: [
    'https://aws.amazon.com/sqs/pricing/',
    'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    'https://aws.amazon.com/lambda/pricing/',
    'https://aws.amazon.com/api-gateway/pricing/',
  ],
} as const;
