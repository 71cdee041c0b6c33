import { Body, Controller, Delete, Get, Param, Post, Put, UseGuards, Version } from '@nestjs/common';
import { AuthGuard } from '../auth/auth.guard';
import { ArticlesService } from './articles.service';

@Controller('articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  findAll() {
    return this.articles.findAll();
  }

  @Get(':slug')
  findOne(@Param('slug') slug: string) {
    return this.articles.findOne(slug);
  }

  @Version('2')
  @Get(':slug')
  findOneV2(@Param('slug') slug: string) {
    return this.articles.findOne(slug);
  }

  @UseGuards(AuthGuard)
  @Post()
  create(@Body() body: unknown) {
    return this.articles.create(body);
  }

  @UseGuards(AuthGuard)
  @Put(':slug')
  update(@Param('slug') slug: string, @Body() body: unknown) {
    return this.articles.update(slug, body);
  }

  @Delete(':slug/comments/:id')
  removeComment(@Param('slug') slug: string, @Param('id') id: string) {
    return this.articles.removeComment(slug, id);
  }
}
