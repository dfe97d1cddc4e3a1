import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { CreateCalendarBody, CreateSlaPolicyBody, PatchSlaPolicyBody } from '@switchboard/contracts';
import { parseIcalHolidays, validateCalendar } from '@switchboard/domain';
import { Roles } from '../auth/auth.guard.js';
import { isUuid, parseInput } from '../common/validation.js';
import { SlaAdminRepository } from './sla-admin.repository.js';
import { SlaClockService } from './sla-clock.service.js';
import { Db } from '../common/db.js';
import { policyCustomFields, requireKnownTicketFields } from '../custom-fields/known-field-keys.js';

/** Business calendars and SLA policies (admins). Bodies are the strict schemas of the contract. */
@Controller('admin')
@Roles('admin')
export class SlaAdminController {
  constructor(
    private readonly store: SlaAdminRepository,
    private readonly clocks: SlaClockService,
    private readonly db: Db,
  ) {}

  @Post('calendars')
  async createCalendar(@Body() body: unknown) {
    const { input, calendar, warnings } = checkedCalendar(body);
    return { ...(await this.store.createCalendar(input.name, calendar)), warnings };
  }

  /** Replaces a calendar (the same body as create); tickets counted in it are re-checked. */
  @Put('calendars/:id')
  async replaceCalendar(@Param('id') id: string, @Body() body: unknown) {
    if (!isUuid(id)) throw new NotFoundException('calendar not found');
    const { input, calendar, warnings } = checkedCalendar(body);
    const saved = await this.store.replaceCalendar(id, input.name, calendar);
    this.clocks.invalidatePolicies();
    return { ...saved, warnings };
  }

  @Delete('calendars/:id')
  @HttpCode(204)
  async deleteCalendar(@Param('id') id: string) {
    if (!isUuid(id)) throw new NotFoundException('calendar not found');
    await this.store.deleteCalendar(id);
    this.clocks.invalidatePolicies();
  }

  @Delete('sla-policies/:id')
  @HttpCode(204)
  async deletePolicy(@Param('id') id: string) {
    if (!isUuid(id)) throw new NotFoundException('policy not found');
    await this.store.deletePolicy(id);
    this.clocks.invalidatePolicies();
  }

  @Get('calendars')
  async listCalendars() {
    return { items: await this.store.listCalendars() };
  }

  @Post('sla-policies')
  async createPolicy(@Body() body: unknown) {
    const input = parseInput(CreateSlaPolicyBody, body);
    await requireKnownTicketFields(this.db, policyCustomFields(input.conditions));
    await this.store.checkReferences(input.calendarId ?? null, [
      ...(input.conditions.teamIds ?? []),
      ...input.escalations.flatMap((s) => (s.teamId ? [s.teamId] : [])),
    ]);
    const policy = await this.store.createPolicy(input);
    this.clocks.invalidatePolicies();
    return policy;
  }

  @Get('sla-policies')
  async listPolicies() {
    return { items: await this.store.listPolicies() };
  }

  /**
   * Changes a policy (`{ active: false }` deactivates it). Open tickets under it are marked for
   * an immediate re-check, so the sweeper re-selects their policy and recomputes their due times:
   * a deactivated policy sends no further warnings, breaches or escalations.
   */
  @Patch('sla-policies/:id')
  async patchPolicy(@Param('id') id: string, @Body() body: unknown) {
    if (!isUuid(id)) throw new NotFoundException('policy not found');
    const input = parseInput(PatchSlaPolicyBody, body);
    await requireKnownTicketFields(this.db, policyCustomFields(input.conditions));
    await this.store.checkReferences(input.calendarId ?? null, [
      ...(input.conditions?.teamIds ?? []),
      ...(input.escalations ?? []).flatMap((s) => (s.teamId ? [s.teamId] : [])),
    ]);
    const updated = await this.store.patchPolicy(id, input);
    this.clocks.invalidatePolicies();
    return updated;
  }
}

function checkedCalendar(body: unknown) {
  const input = parseInput(CreateCalendarBody, body);
  const imported = input.ical ? parseIcalHolidays(input.ical) : { dates: [], warnings: [] };
  const calendar = {
    timeZone: input.timeZone,
    hours: input.hours,
    holidays: [...new Set([...input.holidays, ...imported.dates])].sort(),
  };
  const errors = validateCalendar(calendar);
  if (errors.length) throw new BadRequestException(errors.join('; '));
  return { input, calendar, warnings: imported.warnings };
}
