import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  CompleteReviewBody,
  ReviewAutoFlags,
  ReviewFlagBody,
  ReviewListQuery,
  TrainingExportQuery,
} from '@switchboard/contracts';
import type { FastifyReply } from 'fastify';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { ReviewsService } from './reviews.service.js';

/** Review flags, the review queue, coaching notes and the training export. */
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post('tickets/:id/review-flags')
  flag(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.reviews.flag(viewer, id, parseInput(ReviewFlagBody, body).reason);
  }

  @Get('reviews')
  list(@CurrentViewer() viewer: AuthenticatedViewer, @Query() query: unknown) {
    return this.reviews.list(viewer, parseInput(ReviewListQuery, query));
  }

  // Fixed paths before `reviews/:id`, so "coaching" is never read as an id.
  @Get('reviews/coaching')
  coaching(@CurrentViewer() viewer: AuthenticatedViewer) {
    return this.reviews.coachingNotes(viewer);
  }

  /** The training collection; as JSON lines (one case a line) it is a file to hand to a trainer or a tool. */
  @Get('reviews/training-export')
  async trainingExport(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = parseInput(TrainingExportQuery, query);
    const result = await this.reviews.trainingExport(viewer, q);
    if (q.format !== 'jsonl') return result;
    reply.header('content-type', 'application/x-ndjson; charset=utf-8');
    reply.header('content-disposition', 'attachment; filename="training-cases.jsonl"');
    return result.items.map((item) => `${JSON.stringify(item)}\n`).join('');
  }

  @Get('reviews/:id')
  get(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.reviews.get(viewer, id);
  }

  @Post('reviews/:id')
  @HttpCode(200)
  complete(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.reviews.complete(viewer, id, parseInput(CompleteReviewBody, body));
  }

  @Post('reviews/:id/acknowledge')
  @HttpCode(200)
  acknowledge(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.reviews.acknowledge(viewer, id);
  }

  @Get('admin/review-settings')
  @Roles('supervisor', 'admin')
  settings() {
    return this.reviews.settings();
  }

  @Put('admin/review-settings')
  @Roles('admin')
  saveSettings(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.reviews.saveSettings(viewer, parseInput(ReviewAutoFlags, body));
  }
}
