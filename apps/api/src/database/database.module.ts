import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Db } from '../common/db.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * The SQL handle and the app's config. Global because the config is a runtime value handed to
 * AppModule.forRoot: a static feature module importing this module by class would get a second,
 * empty instance (dynamic modules are told apart by reference), and nearly every feature needs both.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, Db],
      exports: [APP_CONFIG, Db],
    };
  }
}
