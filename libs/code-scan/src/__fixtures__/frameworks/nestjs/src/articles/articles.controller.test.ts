import { Controller, Get } from '@nestjs/common';
@Controller('test-only')
export class TestOnlyController {
  @Get()
  nothing() {}
}
