import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../../api/client';
import { PageHeader } from '../../../components/ui';
import { FileStep } from './FileStep';
import { type ColumnTarget, guessMapping, type ImportResource } from './fields';
import { type ChosenFile, RESOURCES } from './labels';
import { Mapper } from './Mapper';
import { CsvFileError, readCsvFile } from './parseCsv';

/** `/crm/import`: a CSV of people or companies, mapped column by column, sent 100 rows at a time. */
export function ImportPage() {
  const [params] = useSearchParams();
  const [resource, setResource] = useState<ImportResource>(
    RESOURCES.find((r) => r.value === params.get('type'))?.value ?? 'people',
  );
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnTarget[]>([]);

  const choose = async (f: File | undefined, forResource = resource) => {
    setFileError(null);
    setFile(null);
    if (!f) return;
    try {
      const csv = await readCsvFile(f);
      setFile({ name: f.name, csv });
      setMapping(guessMapping(csv.headers, forResource));
    } catch (err) {
      setFileError(
        err instanceof CsvFileError ? err.message : `Could not read this file: ${errorMessage(err)}`,
      );
    }
  };

  const changeResource = (r: ImportResource) => {
    setResource(r);
    if (file) setMapping(guessMapping(file.csv.headers, r));
  };

  return (
    <>
      <PageHeader
        title="Import"
        description="Add or update people, companies or interactions from a CSV file. People are matched by email, phone or LinkedIn URL, companies by domain, interactions by their external id (or their content), so importing a file twice updates instead of duplicating."
      />
      {file ? (
        <Mapper
          key={`${file.name}|${resource}`}
          resource={resource}
          file={file}
          mapping={mapping}
          setMapping={setMapping}
          onBack={() => setFile(null)}
        />
      ) : (
        <FileStep
          resource={resource}
          onResource={changeResource}
          onFile={(f) => choose(f)}
          error={fileError}
        />
      )}
    </>
  );
}
