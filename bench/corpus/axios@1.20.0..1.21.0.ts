// axios 1.20.0 → 1.21.0, a minor release the tool calls major on one undecided finding: the marker type of the
// result parameter `R`'s default, `AxiosResponseDefault`, became an interface keyed by the same unique symbol
// instead of the symbol's type, so the conditional `AxiosResponseResult<T, R, D, P>` prints differently. Calls
// with the default `R`, with `R` written out, and through instances keep their result types: no break.
import axios, { type AxiosResponse } from 'axios';

interface User { id: number; name: string }
export async function load(): Promise<void> {
  const response: AxiosResponse<User> = await axios.get<User>('/user');
  const user: User = response.data;
  const status: number = (await axios.post<User>('/user', user)).status;
  const custom: { ok: true } = await axios.get<User, { ok: true }>('/user');
  const anyResult: number = await axios.get<User, any>('/user');
  const client = axios.create({ baseURL: 'https://example.com' });
  const list: User[] = (await client.get<User[]>('/users')).data;
  const head: AxiosResponse = await client.head('/users');
  void [status, custom, anyResult, list, head];
}
