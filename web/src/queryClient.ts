import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client';

/**
 * A 401 from any console call means the session ended (logout elsewhere, expiry):
 * clear `me`, which sends the user to the login screen.
 */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => {
      if (err instanceof ApiError && err.status === 401 && query.queryKey[0] !== 'me') {
        queryClient.setQueryData(['me'], null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});
