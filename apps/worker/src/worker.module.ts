import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIT_QUEUE } from '@apiaudit/domain';
import { AuditRepository, CatalogRepository, ComparisonRepository, createDataSource, ScheduleRepository, WebhookRepository, PlanVersionRepository, redisConnection, SourceRepository, SpecDiffRepository, type PlatformConfig } from '@apiaudit/db';
import { configuredAuditProcessor } from './audit.processor';
import { JobHandlers } from './job-handlers';
import { AnalysisSteps } from './analysis-steps.service';
import { AuditState } from './audit-state';
import { AuditStepQueue } from './audit-step-queue';
import { FirstPlanFiles } from './first-plan-files.service';
import { IngestSteps } from './ingest-steps.service';
import { PlanSteps } from './plan-steps.service';
import { PLATFORM_CONFIG } from './platform-config.token';
import { ScheduledReaudits } from './scheduled-reaudits.service';
import { SpecDiffStep } from './spec-diff-step.service';
import { PlanPrinter } from './plan-printer';
import { RepositoryScanner } from './repository-scanner';
import { WorkerHeartbeat } from './worker-heartbeat';
import { ScheduleRegistrar } from './schedule-registrar';
import { ProjectInputs } from './project-inputs';
import { WebhookSender } from './webhook-sender';

@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(private readonly db: DataSource) {}

  // The pool is a factory's value, which Nest does not close. The root module's hook runs after every other
  // module's, so nothing still writes when the connections go.
  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }

  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [BullModule.forRoot({ connection: redisConnection(config.redisUrl), prefix: config.queuePrefix }), BullModule.registerQueue({ name: AUDIT_QUEUE })],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: () => createDataSource(config.databaseUrl).initialize(),
        },
        { provide: AuditRepository, useFactory: (db: DataSource) => new AuditRepository(db), inject: [DataSource] },
        { provide: SourceRepository, useFactory: (db: DataSource) => new SourceRepository(db), inject: [DataSource] },
        { provide: CatalogRepository, useFactory: (db: DataSource) => new CatalogRepository(db), inject: [DataSource] },
        { provide: PlanVersionRepository, useFactory: (db: DataSource) => new PlanVersionRepository(db), inject: [DataSource] },
        { provide: ComparisonRepository, useFactory: (db: DataSource) => new ComparisonRepository(db), inject: [DataSource] },
        { provide: ScheduleRepository, useFactory: (db: DataSource) => new ScheduleRepository(db), inject: [DataSource] },
        ScheduleRegistrar,
        { provide: WebhookRepository, useFactory: (db: DataSource) => new WebhookRepository(db), inject: [DataSource] },
        WebhookSender,
        { provide: PlanPrinter, useFactory: () => new PlanPrinter(config.chromiumPath) },
        { provide: SpecDiffRepository, useFactory: (db: DataSource) => new SpecDiffRepository(db), inject: [DataSource] },
        ProjectInputs,
        AuditStepQueue,
        AuditState,
        ScheduledReaudits,
        IngestSteps,
        AnalysisSteps,
        FirstPlanFiles,
        PlanSteps,
        SpecDiffStep,
        JobHandlers,
        RepositoryScanner,
        WorkerHeartbeat,
        configuredAuditProcessor(config),
      ],
    };
  }
}
