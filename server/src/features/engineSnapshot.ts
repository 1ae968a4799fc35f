import type { AnalysisEngine } from '../workspace/analysisEngine';
import type { ParsedFile } from '../workspace/parsedFile';
import type { Finding } from '../rules/finding';
import type { EditorSnapshot } from './editorSnapshot';
import type { PresentedFinding } from './presentedFinding';
import { presentFinding } from './presenter';

export interface EngineSnapshotInputs {
  readonly engine: AnalysisEngine;
  readonly file: (path: string) => ParsedFile | undefined;
  readonly text: (path: string) => string | undefined;
  readonly uriOf: (path: string) => string;
  readonly pathOf: (uri: string) => string | undefined;
  readonly docsBase: string;
  /** Severity overrides and rules turned off, applied to located findings. */
  readonly adjust: (findings: PresentedFinding[]) => PresentedFinding[];
}

/**
 * The editor's view of a live engine. Located findings are cached per finding object: the engine
 * keeps the objects of everything an edit did not touch, so only new findings are located again.
 */
export class EngineSnapshot implements EditorSnapshot {
  private readonly located = new WeakMap<Finding, PresentedFinding>();

  constructor(private readonly inputs: EngineSnapshotInputs) {}

  get result() {
    return this.inputs.engine;
  }

  get docsBase(): string {
    return this.inputs.docsBase;
  }

  private present(f: Finding): PresentedFinding {
    let p = this.located.get(f);
    if (!p) {
      p = presentFinding(f, this.inputs.file);
      this.located.set(f, p);
    }
    return p;
  }

  readonly findingsIn = (path: string): readonly PresentedFinding[] => {
    return this.inputs.adjust(this.inputs.engine.findingsOf(path).map((f) => this.present(f)));
  };

  get findings(): readonly PresentedFinding[] {
    return this.inputs.adjust(this.inputs.engine.findings.map((f) => this.present(f)));
  }

  // Bound, as features pass them around as plain functions.
  readonly file = (path: string): ParsedFile | undefined => this.inputs.file(path);
  readonly text = (path: string): string | undefined => this.inputs.text(path);
  readonly uriOf = (path: string): string => this.inputs.uriOf(path);
  readonly pathOf = (uri: string): string | undefined => this.inputs.pathOf(uri);
}
