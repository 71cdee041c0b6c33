import { Body, Controller, Delete, Get, Param, Post, Put, UseGuards } from '@nestjs/common';
import { AuthGuard } from './auth.guard';

@Controller('articles')
export class ArticlesController {
  @Get()
  list() {}

  @UseGuards(AuthGuard)
  @Post()
  create(@Body() body: unknown) {}

  @UseGuards(AuthGuard)
  @Put(':slug')
  update(@Param('slug') slug: string) {}

  @UseGuards(AuthGuard)
  @Delete(':slug')
  remove(@Param('slug') slug: string) {}
}
