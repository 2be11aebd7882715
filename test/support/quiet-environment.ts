// Powertools logs every record at INFO; tests assert behaviour, not log lines.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_DEV ??= 'true';
process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING ??= 'true';
