import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { ProgramData, type ProgramEvent } from './program-data';
import type { ProgramRecord } from './records';

export interface NewProgram {
  readonly id?: string;
  readonly name?: string;
  /** The Bearer key that reaches this program; generated when left out. */
  readonly apiKey?: string;
  /** Default 30, the rate of the docs' example reward (29.997 on 99.99). */
  readonly commissionPercent?: number;
  readonly currency?: string;
  readonly autoApprovePartners?: boolean;
  readonly rejectDuplicateTransactionKeys?: boolean;
  readonly archivedTransactionsReadable?: boolean;
  readonly websiteUrl?: string;
}

/** Every program the simulator knows, reachable by id (control surface) or by API key (the API). */
export class PartneroWorld {
  private readonly programs = new Map<string, ProgramData>();

  constructor(
    private readonly clock: Clock,
    private readonly onEvent: (program: ProgramRecord, event: ProgramEvent) => void,
  ) {}

  createProgram(options: NewProgram = {}): ProgramRecord {
    const id = options.id ?? `program_${randomBytes(4).toString('hex')}`;
    const apiKey = options.apiKey ?? `pk_${randomBytes(16).toString('hex')}`;
    if (this.programs.has(id)) throw new Error(`program ${id} already exists`);
    if (this.programForKey(apiKey)) throw new Error('that API key already belongs to a program');
    const program: ProgramRecord = {
      id,
      name: options.name ?? id,
      apiKey,
      type: 'affiliate',
      commissionPercent: options.commissionPercent ?? 30,
      currency: options.currency ?? 'USD',
      autoApprovePartners: options.autoApprovePartners ?? true,
      rejectDuplicateTransactionKeys: options.rejectDuplicateTransactionKeys ?? false,
      archivedTransactionsReadable: options.archivedTransactionsReadable ?? false,
      websiteUrl: options.websiteUrl ?? 'https://yourcompany.com',
    };
    this.programs.set(id, new ProgramData(program, this.clock, this.onEvent));
    return program;
  }

  program(id: string): ProgramData {
    const data = this.programs.get(id);
    if (data === undefined) throw new Error(`no program ${id}`);
    return data;
  }

  programForKey(apiKey: string): ProgramData | undefined {
    for (const data of this.programs.values()) if (data.program.apiKey === apiKey) return data;
    return undefined;
  }

  allPrograms(): ProgramData[] {
    return [...this.programs.values()];
  }

  reset(): void {
    this.programs.clear();
  }
}
