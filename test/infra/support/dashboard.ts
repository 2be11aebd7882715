import type { Template } from 'aws-cdk-lib/assertions';

export interface ChartedMetric {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Record<string, string>;
}

export interface Widget {
  readonly type: string;
  readonly properties: { readonly title?: string; readonly metrics?: unknown[][]; readonly alarms?: string[] };
}

/**
 * The dashboard's widgets, with each intrinsic in its body replaced by a readable stand-in
 * (`<Ref:Logical>`, `<GetAtt:Logical.Attr>`), so the body can be parsed as JSON.
 */
export function dashboardWidgets(template: Template): Widget[] {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  if (dashboards.length !== 1) throw new Error(`expected one dashboard, found ${dashboards.length}`);
  const body = dashboards[0]!.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map(standIn).join('');
  return (JSON.parse(text) as { widgets: Widget[] }).widgets;
}

/** Every metric a widget charts, as namespace, name and dimensions. */
export function chartedMetrics(widget: Widget): ChartedMetric[] {
  return (widget.properties.metrics ?? []).flatMap((line) => {
    const parts = line.filter((part): part is string => typeof part === 'string');
    if (parts.length < 2 || parts[0] === '...') return [];
    const [namespace, name, ...pairs] = parts;
    const dimensions: Record<string, string> = {};
    for (let index = 0; index + 1 < pairs.length; index += 2) dimensions[pairs[index]!] = pairs[index + 1]!;
    return [{ namespace: namespace!, name: name!, dimensions }];
  });
}

function standIn(part: unknown): string {
  if (typeof part === 'string') return part;
  const intrinsic = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  if (intrinsic.Ref) return `<Ref:${intrinsic.Ref}>`;
  if (intrinsic['Fn::GetAtt']) return `<GetAtt:${intrinsic['Fn::GetAtt'].join('.')}>`;
  throw new Error(`unexpected intrinsic in the dashboard body: ${JSON.stringify(part)}`);
}
