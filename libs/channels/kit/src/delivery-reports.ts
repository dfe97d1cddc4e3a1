import type { DeliveryStatusPort, DeliveryStatusState, DeliveryStatusUpdate, IdentityRef } from './index.js';

/** A receipt that names no message but a time (Meta watermarks): every send to `to` up to `upTo`. */
export interface DeliveryWatermark {
  channelAccountId: string;
  to: IdentityRef;
  state: DeliveryStatusState;
  upTo: Date;
}

/** A provider's delivery-status callback, read by its adapter into the kit's shape. */
export type DeliveryReport = DeliveryStatusUpdate | DeliveryWatermark;

export function isDeliveryWatermark(report: DeliveryReport): report is DeliveryWatermark {
  return 'upTo' in report;
}

/** Hands each report to the core, in the order the provider sent them. */
export async function applyDeliveryReports(
  port: DeliveryStatusPort,
  reports: readonly DeliveryReport[],
): Promise<void> {
  for (const report of reports) {
    if (isDeliveryWatermark(report))
      await port.applyUpTo(report.channelAccountId, report.to, report.state, report.upTo);
    else await port.apply(report);
  }
}
