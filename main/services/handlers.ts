import { ancestry, childrenOf, type Division } from '../../db/divisions';
import type { Output, Parsed, RequestName } from '../contract';
import type { DivisionItem } from '../contract/areas/divisions';
import * as accounts from './accounts/accounts';
import { listAudit } from './audit/audit';
import type { RequestContext } from './context';
import { createOffice, setupStatus } from './office/setup';
import * as people from './people/people';
import { fillDemo } from './demo/demo';
import * as beds from './family-beds/family-beds';
import * as subsidy from './family-beds/subsidy';
import * as reports from './station-reports/station-reports';
import * as stats from './stations/service-stats';
import * as stations from './stations/stations';
import * as residentEvents from './residents/events';
import * as residentsOverview from './residents/overview';
import * as residents from './residents/residents';
import * as standards from './welfare-homes/allowance-standards';
import * as institutionBeds from './welfare-homes/institution-beds';
import * as institutions from './welfare-homes/institutions';
import * as roster from './welfare-homes/roster';
import * as renovationAttachments from './renovations/attachments';
import * as renovationCases from './renovations/cases';
import * as renovationCatalogue from './renovations/catalogue';
import * as renovationPlan from './renovations/plan';
import * as renovationProgress from './renovations/progress';
import * as renovationWorkflow from './renovations/workflow';
import * as bundleExport from './bundles/export';
import * as bundleKeys from './bundles/keys';
import * as countyKeys from './city/county-keys';
import * as cityImport from './city/import';
import * as cityTables from './city/tables';
import * as exportsXlsx from './exports/exports';
import * as imports from './imports/imports';
import * as importUndo from './imports/undo';
import * as backups from './backup/backups';

export type Handler<K extends RequestName> = (ctx: RequestContext, input: Parsed<K>) => Promise<Output<K>> | Output<K>;

/** Exactly one handler per contract request: a missing or extra one is a type error. */
export type Handlers = { [K in RequestName]: Handler<K> };

function toItem(d: Division): DivisionItem {
  return { code: d.code, name: d.name, level: d.level, ...(d.townKind ? { townKind: d.townKind } : {}) };
}

export const HANDLERS: Handlers = {
  'setup.status': (ctx) => setupStatus(ctx),
  'setup.create': createOffice,
  'divisions.children': (_ctx, input) => childrenOf(input.code).map(toItem),
  'divisions.ancestry': (_ctx, input) => ancestry(input.code).map(toItem),
  'auth.me': (ctx) => ({
    user: ctx.session.user,
    office: ctx.office,
    idleLockMinutes: accounts.IDLE_LOCK_MINUTES,
  }),
  'auth.login': accounts.login,
  'auth.logout': accounts.logout,
  'auth.touch': () => null,
  'auth.changePassword': accounts.changeOwnPassword,
  'staff.list': accounts.listStaff,
  'staff.create': accounts.createStaff,
  'staff.update': accounts.updateStaff,
  'staff.resetPassword': accounts.resetStaffPassword,
  'people.list': people.listPeople,
  'people.get': people.getPerson,
  'people.create': people.createPerson,
  'people.update': people.updatePerson,
  'audit.list': listAudit,
  'stations.list': stations.listStations,
  'stations.get': stations.getStation,
  'stations.history': stations.stationHistory,
  'stations.create': stations.createStation,
  'stations.update': stations.updateStation,
  'stats.month': stats.monthSheet,
  'stats.save': stats.saveMonth,
  'stats.submit': stats.submitMonth,
  'stats.reopen': stats.reopenMonth,
  'stats.completeness': stats.completeness,
  'beds.list': beds.listBeds,
  'beds.get': beds.getBed,
  'beds.create': beds.createBed,
  'beds.update': beds.updateBed,
  'bedRates.list': subsidy.listRates,
  'bedRates.create': subsidy.createRate,
  'subsidy.statements': subsidy.statements,
  'subsidy.issue': subsidy.issueStatements,
  'targets.list': reports.listTargets,
  'targets.set': reports.setTarget,
  'reports.progress': reports.progress,
  'reports.coverage': reports.coverage,
  'reports.dashboard': reports.dashboard,
  'institutions.list': institutions.listInstitutions,
  'institutions.get': institutions.getInstitution,
  'institutions.create': institutions.createInstitution,
  'institutions.update': institutions.updateInstitution,
  'institutionBeds.list': institutionBeds.listBeds,
  'institutionBeds.add': institutionBeds.addBeds,
  'institutionBeds.update': institutionBeds.updateBed,
  'allowanceStandards.list': standards.listStandards,
  'allowanceStandards.create': standards.createStandard,
  'allowance.roster': roster.allowanceRoster,
  'residents.list': residents.listResidents,
  'residents.get': residents.getResident,
  'residents.admit': residents.admitResident,
  'residents.update': residents.updateResident,
  'residents.move': residentEvents.moveResident,
  'residents.leave': residentEvents.startLeave,
  'residents.return': residentEvents.returnFromLeave,
  'residents.assess': residentEvents.reassess,
  'residents.exit': residentEvents.exitResident,
  'residents.reverse': residentEvents.reverseEvent,
  'residents.overview': residentsOverview.overview,
  'renovations.list': renovationCases.listCases,
  'renovations.get': renovationCases.getCase,
  'renovations.create': renovationCases.createCase,
  'renovations.update': renovationCases.updateCase,
  'renovations.step': renovationWorkflow.recordStep,
  'renovations.correct': renovationWorkflow.correctStep,
  'renovations.savePlan': renovationPlan.savePlan,
  'renovations.attach': renovationAttachments.attach,
  'renovations.attachmentContent': renovationAttachments.attachmentContent,
  'renovations.withdrawAttachment': renovationAttachments.withdrawAttachment,
  'renovationItems.list': renovationCatalogue.listItems,
  'renovationItems.create': renovationCatalogue.createItem,
  'renovationItems.update': renovationCatalogue.updateItem,
  'renovationCaps.list': renovationCatalogue.listCaps,
  'renovationCaps.create': renovationCatalogue.createCap,
  'renovationTargets.list': renovationProgress.listTargets,
  'renovationTargets.set': renovationProgress.setTarget,
  'renovations.progress': renovationProgress.progress,
  'demo.fill': fillDemo,
  'jobs.status': (ctx, input) => ctx.host.jobs.status(input.id, ctx.actor().id),
  'jobs.cancel': (ctx, input) => ctx.host.jobs.cancel(input.id, ctx.actor().id),
  'keys.status': bundleKeys.keysStatus,
  'keys.create': bundleKeys.createKey,
  'keys.rotate': bundleKeys.rotateKey,
  'keys.publicFile': bundleKeys.publicKeyFile,
  'keys.rotationFile': bundleKeys.rotationFile,
  'keys.inspectFile': bundleKeys.inspectKeyFile,
  'keys.importCityKey': bundleKeys.importCityKey,
  'bundles.preview': bundleExport.previewBundle,
  'bundles.export': bundleExport.startExport,
  'bundles.reexport': bundleExport.startReexport,
  'bundles.history': bundleExport.exportHistory,
  'bundles.download': bundleExport.downloadBundle,
  'cityKeys.list': countyKeys.listCounties,
  'cityKeys.enroll': countyKeys.enrollCountyKey,
  'cityKeys.rotate': countyKeys.rotateCountyKey,
  'cityKeys.revoke': countyKeys.revokeCountyKey,
  'cityBundles.import': cityImport.startImport,
  'cityBundles.list': cityImport.listImported,
  'cityTables.periods': cityTables.periods,
  'cityTables.progress': cityTables.progressTable,
  'cityTables.coverage': cityTables.coverageTable,
  'cityTables.residents': cityTables.residentsTable,
  'cityTables.renovations': cityTables.renovationsTable,
  'cityRecords.list': cityTables.listRecords,
  'exports.xlsx': exportsXlsx.exportXlsx,
  'exports.print': exportsXlsx.printSheets,
  'imports.registers': imports.registerList,
  'imports.template': imports.template,
  'imports.open': imports.openUpload,
  'imports.preview': imports.startPreview,
  'imports.commit': imports.startCommit,
  'imports.errorRows': imports.errorRows,
  'imports.history': importUndo.importHistory,
  'imports.undo': importUndo.undoImport,
  'backups.status': backups.backupStatus,
  'backups.create': backups.startBackup,
  'backups.inspect': backups.inspectBackup,
  'backups.restore': backups.restoreBackup,
  'backups.restoreNewest': (ctx) => ctx.host.restoreNewestBackup(),
};
