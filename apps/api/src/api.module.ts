import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AUDIT_QUEUE } from '@apiaudit/domain';
import {
  AccountRepository,
  AuditLogRepository,
  AuditRepository,
  CatalogRepository,
  ComparisonRepository,
  ScheduleRepository,
  ReauditTriggerRepository,
  WebhookRepository,
  createDataSource,
  FindingWorkflowRepository,
  HealthRepository,
  IdempotencyRepository,
  PlanIssueExportRepository,
  PlanVersionRepository,
  redisConnection,
  ScopeRepository,
  SourceRepository,
  SpecDiffRepository,
  type PlatformConfig,
} from '@apiaudit/db';
import { AccountsService } from './auth/accounts.service';
import { AuditLogController } from './auth/audit-log.controller';
import { AuditLogService } from './auth/audit-log.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { CredentialCache } from './auth/credential-cache';
import { SignInLimiter } from './auth/sign-in-limiter';
import { TenantScope } from './auth/tenant-scope.service';
import { FindingsController } from './findings/findings.controller';
import { FindingPageCache } from './findings/finding-page-cache';
import { FindingsService } from './findings/findings.service';
import { PlansController } from './plans/plans.controller';
import { PlansService } from './plans/plans.service';
import { AuditEventsController } from './audits/audit-events.controller';
import { AuditsController } from './audits/audits.controller';
import { AuditsService } from './audits/audits.service';
import { InvalidationBus } from './cache/invalidation-bus';
import { ClientsController } from './clients/clients.controller';
import { ClientsService } from './clients/clients.service';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceService } from './evidence/evidence.service';
import { HealthController } from './health/health.controller';
import { AnswerInterceptor } from './http/answer';
import { ProblemFilter } from './http/problem';
import { ARTIFACT_DIR, PLATFORM_CONFIG, SourcesService } from './sources/sources.service';
import { RepositorySourcesService } from './sources/repository-sources.service';
import { SourcesController } from './sources/sources.controller';
import { SpecDiffsService } from './sources/spec-diffs.service';
import { SourceUploadsService } from './sources/source-uploads.service';
import { StatusController } from './status/status.controller';
import { WorkerPresenceService } from './status/worker-presence.service';
import { ComparisonsController } from './reaudits/comparisons.controller';
import { ComparisonsService } from './reaudits/comparisons.service';
import { SchedulesController } from './reaudits/schedules.controller';
import { SchedulesService } from './reaudits/schedules.service';
import { GithubWebhookController } from './reaudits/github-webhook.controller';
import { GithubWebhookService } from './reaudits/github-webhook.service';
import { ProjectConfigController } from './projects/project-config.controller';
import { ProjectConfigService } from './projects/project-config.service';
import { InventoryService } from './audits/inventory.service';
import { CatalogPagesService } from './clients/catalog-pages.service';
import { WebhooksController } from './reaudits/webhooks.controller';
import { WebhooksService } from './reaudits/webhooks.service';
import { GithubWebhookSecretController } from './reaudits/github-webhook-secret.controller';
import { GithubWebhookSecretService } from './reaudits/github-webhook-secret.service';

@Module({})
export class ApiModule implements OnApplicationShutdown {
  constructor(private readonly db: DataSource) {}

  // The pool is a factory's value, which Nest does not close. The root module's hook runs after every other
  // module's, so nothing still writes when the connections go.
  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }

  static forRoot(config: PlatformConfig): DynamicModule {
    const repository = <T>(Type: new (db: DataSource) => T) => ({ provide: Type, useFactory: (db: DataSource) => new Type(db), inject: [DataSource] });
    return {
      module: ApiModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // The caller's X-Request-Id is kept (or one is made) and returned; every log line of the request carries it.
            genReqId: (req, res) => {
              const incoming = req.headers['x-request-id'];
              const id = typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            customProps: (req) => ({ requestId: (req as { id?: string }).id }),
          },
        }),
        BullModule.forRoot({ connection: redisConnection(config.redisUrl), prefix: config.queuePrefix }),
        BullModule.registerQueue({ name: AUDIT_QUEUE }),
        // Multipart uploads are held in memory by multer: the same byte limit as raw bodies applies.
        MulterModule.register({ limits: { fileSize: config.maxUploadBytes, files: 1 } }),
      ],
      controllers: [AuthController, ClientsController, SourcesController, ProjectConfigController, AuditsController, PlansController, AuditEventsController, FindingsController, EvidenceController, AuditLogController, HealthController, StatusController, ComparisonsController, SchedulesController, GithubWebhookController, GithubWebhookSecretController, WebhooksController],
      providers: [
        { provide: DataSource, useFactory: () => createDataSource(config.databaseUrl).initialize() },
        repository(CatalogRepository),
        repository(SourceRepository),
        repository(AuditRepository),
        repository(IdempotencyRepository),
        repository(SpecDiffRepository),
        repository(HealthRepository),
        repository(AccountRepository),
        repository(ScopeRepository),
        repository(AuditLogRepository),
        repository(FindingWorkflowRepository),
        repository(PlanVersionRepository),
        repository(ComparisonRepository),
        repository(ScheduleRepository),
        repository(ReauditTriggerRepository),
        repository(PlanIssueExportRepository),
        repository(WebhookRepository),
        { provide: ARTIFACT_DIR, useValue: config.artifactDir },
        { provide: PLATFORM_CONFIG, useValue: config },
        WorkerPresenceService,
        SourcesService,
        RepositorySourcesService,
        SpecDiffsService,
        SourceUploadsService,
        ProjectConfigService,
        InventoryService,
        AuditsService,
        CatalogPagesService,
        ClientsService,
        AuditLogService,
        EvidenceService,
        SignInLimiter,
        InvalidationBus,
        CredentialCache,
        AccountsService,
        TenantScope,
        FindingPageCache,
        FindingsService,
        PlansService,
        ComparisonsService,
        SchedulesService,
        GithubWebhookService,
        WebhooksService,
        GithubWebhookSecretService,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: AnswerInterceptor },
        // Every route passes the one door: authentication, then tenant scope (apps/api/src/auth/).
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
