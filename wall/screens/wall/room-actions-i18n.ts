import { lang } from '../../lib/i18n';
import type { ReportEventType } from '../../../server/contract/events';

/** The wall's room-action notices and done moment, in Bahasa Indonesia or English (?lang=en). */
const id = {
  notice: {
    'report.checked': (agency: string, ticket: string) => `${agency} memeriksa ${ticket}`,
    'report.rejected': (agency: string, ticket: string) => `${agency} menolak ${ticket}`,
    'report.dispatched': (agency: string, ticket: string) => `${agency} menugaskan ${ticket} ke lapangan`,
    'report.proof_submitted': (agency: string, ticket: string) => `Petugas ${agency} mengirim bukti ${ticket}`,
    'report.verified': (agency: string, ticket: string) => `${agency}: ${ticket} selesai`,
    'report.reopened': (_agency: string, ticket: string) => `Pelapor: ${ticket} belum beres, dibuka kembali`,
  } as Partial<Record<ReportEventType, (agency: string, ticket: string) => string>>,
  done: 'SELESAI',
  before: 'SEBELUM',
  after: 'SESUDAH',
  noProof: 'Foto bukti belum tersedia',
  verifiedAt: 'Diverifikasi',
};
type Dict = typeof id;
const en: Dict = {
  notice: {
    'report.checked': (agency, ticket) => `${agency} checked ${ticket}`,
    'report.rejected': (agency, ticket) => `${agency} rejected ${ticket}`,
    'report.dispatched': (agency, ticket) => `${agency} sent ${ticket} to the field`,
    'report.proof_submitted': (agency, ticket) => `${agency} field team sent proof for ${ticket}`,
    'report.verified': (agency, ticket) => `${agency}: ${ticket} done`,
    'report.reopened': (_agency, ticket) => `Reporter: ${ticket} not fixed, reopened`,
  },
  done: 'DONE',
  before: 'BEFORE',
  after: 'AFTER',
  noProof: 'No proof photo yet',
  verifiedAt: 'Verified',
};
export const rt: Dict = lang === 'en' ? en : id;
