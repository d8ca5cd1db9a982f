import type { ReportPublic } from '../contract/reports.js';
import type { ReportState } from './reports.js';

/** The only way a report leaves the hub for the wall or the public: the reporter's name and contact stay behind. */
export function publicView(r: ReportState): ReportPublic {
  return {
    id: r.id, ticket: r.ticket, status: r.status, categoryId: r.categoryId, agencyId: r.agencyId,
    description: r.description, lng: r.lng, lat: r.lat, precision: r.precision, address: r.address,
    districtCode: r.districtCode, subdistrictCode: r.subdistrictCode, channel: r.channel, photos: r.photos,
    createdAt: r.createdAt, updatedAt: r.updatedAt, version: r.version, lastSeq: r.lastSeq,
  };
}
